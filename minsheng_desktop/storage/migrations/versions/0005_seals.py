"""seal: signed statements behind sealed votes and scoring rounds; package_log keeps each town's audit chain head

Revision ID: 0005_seals
Revises: 0004_exchange
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_seals"
down_revision = "0004_exchange"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seal",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seal")),
        sa.UniqueConstraint("entity_id", name=op.f("uq_seal_entity_id")),
    )
    op.create_index(op.f("ix_seal_jurisdiction_code"), "seal", ["jurisdiction_code"], unique=False)
    with op.batch_alter_table("package_log") as batch:
        batch.add_column(sa.Column("audit_length", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("audit_head", sa.String(length=64), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("package_log") as batch:
        batch.drop_column("audit_head")
        batch.drop_column("audit_length")
    op.drop_index(op.f("ix_seal_jurisdiction_code"), table_name="seal")
    op.drop_table("seal")
