"""town_key and package_log: the county's record of merged packages and pinned town keys

Revision ID: 0004_exchange
Revises: 0003_adjustment_target
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_exchange"
down_revision = "0003_adjustment_target"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "town_key",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("pinned_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_town_key")),
    )
    op.create_table(
        "package_log",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("sender_code", sa.String(length=12), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=False),
        sa.Column("codes", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_log")),
    )
    op.create_index(op.f("ix_package_log_sender_code"), "package_log", ["sender_code"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_package_log_sender_code"), table_name="package_log")
    op.drop_table("package_log")
    op.drop_table("town_key")
