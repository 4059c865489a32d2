"""deputy.kind and deputy.sector: a street council's roster tells 议事代表 from 人大代表, with 界别/职业

Revision ID: 0007_council_members
Revises: 0006_replies
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_council_members"
down_revision = "0006_replies"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("deputy", sa.Column("kind", sa.String(length=8), server_default="人大代表", nullable=False))
    op.add_column("deputy", sa.Column("sector", sa.String(length=40), server_default="", nullable=False))
    # A town's roster holds 人大代表 only. A street's roster held its council's members: 议事代表 unless the
    # secretary marks the 人大代表 among them (设置 › 名册, or the roster imported again with its 身份 column).
    op.execute(sa.text("UPDATE deputy SET kind = '议事代表' WHERE jurisdiction_code IN "
                       "(SELECT code FROM jurisdiction WHERE level = '街道')"))


def downgrade() -> None:
    with op.batch_alter_table("deputy", schema=None) as batch_op:
        batch_op.drop_column("sector")
        batch_op.drop_column("kind")
