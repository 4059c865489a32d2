"""adjustment.new_target: the target task as an approved 调整 changes it

Revision ID: 0003_adjustment_target
Revises: 0002_ballots_collected
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_adjustment_target"
down_revision = "0002_ballots_collected"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("adjustment", sa.Column("new_target", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("adjustment") as batch_op:
        batch_op.drop_column("new_target")
