"""phone_round, phone_token: voting and scoring from phones on the hall's network (扫码表决); tokens kept only as hashes

Revision ID: 0012_phone_tokens
Revises: 0009_campaigns
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0012_phone_tokens"
down_revision = "0009_campaigns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "phone_round",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=6), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("subjects", sa.JSON(), nullable=False),
        sa.Column("printed", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Integer(), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_round")),
    )
    op.create_index(op.f("ix_phone_round_jurisdiction_code"), "phone_round", ["jurisdiction_code"], unique=False)
    op.create_index(op.f("ix_phone_round_target_id"), "phone_round", ["target_id"], unique=False)
    op.create_table(
        "phone_token",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=12), nullable=False),
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("used", sa.Boolean(), nullable=False),
        sa.Column("nonce_hash", sa.String(length=64), nullable=False),
        sa.Column("receipt", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["phone_round.id"], name=op.f("fk_phone_token_round_id_phone_round"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_phone_token_token_hash")),
    )
    op.create_index(op.f("ix_phone_token_jurisdiction_code"), "phone_token", ["jurisdiction_code"], unique=False)
    op.create_index(op.f("ix_phone_token_round_id"), "phone_token", ["round_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_phone_token_round_id"), table_name="phone_token")
    op.drop_index(op.f("ix_phone_token_jurisdiction_code"), table_name="phone_token")
    op.drop_table("phone_token")
    op.drop_index(op.f("ix_phone_round_target_id"), table_name="phone_round")
    op.drop_index(op.f("ix_phone_round_jurisdiction_code"), table_name="phone_round")
    op.drop_table("phone_round")
