"""vote_session.ballots_collected: the ballots counted from the box before 唱票

Revision ID: 0002_ballots_collected
Revises: 0001_initial
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_ballots_collected"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("vote_session", sa.Column("ballots_collected", sa.Integer(), nullable=True))  # no table rebuild
    # Sessions sealed before this column existed: their collected count is in the stored result.
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, result FROM vote_session WHERE result IS NOT NULL")).all()
    import json

    for session_id, result in rows:
        data = json.loads(result) if isinstance(result, str) else result
        if data and "ballots_collected" in data:
            bind.execute(sa.text("UPDATE vote_session SET ballots_collected = :n WHERE id = :id"),
                         {"n": data["ballots_collected"], "id": session_id})


def downgrade() -> None:
    with op.batch_alter_table("vote_session", schema=None) as batch_op:
        batch_op.drop_column("ballots_collected")
