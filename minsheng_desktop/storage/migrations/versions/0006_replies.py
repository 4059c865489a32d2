"""proposal_reply: what each proposer was told (reply slip or SMS) and when

Revision ID: 0006_replies
Revises: 0005_seals
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_replies"
down_revision = "0005_seals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "proposal_reply",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("told_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("stage", sa.String(length=10), nullable=False),
        sa.Column("steps", sa.JSON(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposal.id"], name=op.f("fk_proposal_reply_proposal_id_proposal")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_reply")),
    )
    op.create_index(op.f("ix_proposal_reply_jurisdiction_code"), "proposal_reply", ["jurisdiction_code"], unique=False)
    op.create_index(op.f("ix_proposal_reply_proposal_id"), "proposal_reply", ["proposal_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_proposal_reply_proposal_id"), table_name="proposal_reply")
    op.drop_index(op.f("ix_proposal_reply_jurisdiction_code"), table_name="proposal_reply")
    op.drop_table("proposal_reply")
