"""分团计票: a session counted by delegation (vote_session.delegations), each ballot's and paper entry's delegation

Revision ID: 0014_delegations
Revises: 0012_phone_tokens
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_delegations"
down_revision = "0012_phone_tokens"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("vote_session", sa.Column("delegations", sa.JSON(), nullable=True))
    op.add_column("ballot", sa.Column("delegation", sa.String(length=40), nullable=False, server_default=""))
    op.add_column("paper_tally", sa.Column("delegation", sa.String(length=40), nullable=False, server_default=""))


def downgrade() -> None:
    for table, column in (("paper_tally", "delegation"), ("ballot", "delegation"), ("vote_session", "delegations")):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column(column)
