"""agenda_item: a meeting's reports; rounds and follow-ups score a subject (a project or an agenda item) and name
the meeting they were held at; opinions carry 审议意见's adoption, sending, handling report and re-deliberation

Revision ID: 0008_agenda
Revises: 0007_council_members
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_agenda"
down_revision = "0007_council_members"
branch_labels = None
depends_on = None

UUID = sa.String(length=36)


def upgrade() -> None:
    op.create_table(
        "agenda_item",
        sa.Column("event_id", UUID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("reporter", sa.String(length=120), nullable=False),
        sa.Column("project_id", UUID, nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", UUID, nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["supervision_event.id"],
                                name=op.f("fk_agenda_item_event_id_supervision_event"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name=op.f("fk_agenda_item_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    op.create_index(op.f("ix_agenda_item_event_id"), "agenda_item", ["event_id"], unique=False)
    op.create_index(op.f("ix_agenda_item_jurisdiction_code"), "agenda_item", ["jurisdiction_code"], unique=False)
    with op.batch_alter_table("satisfaction_round") as batch_op:
        batch_op.alter_column("project_id", existing_type=UUID, nullable=True)
        batch_op.add_column(sa.Column("agenda_item_id", UUID, nullable=True))
        batch_op.add_column(sa.Column("event_id", UUID, nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_satisfaction_round_agenda_item_id_agenda_item"), "agenda_item",
                                    ["agenda_item_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_satisfaction_round_event_id_supervision_event"),
                                    "supervision_event", ["event_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_satisfaction_round_agenda_item_id"), ["agenda_item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_satisfaction_round_event_id"), ["event_id"], unique=False)
    with op.batch_alter_table("follow_up") as batch_op:
        batch_op.alter_column("project_id", existing_type=UUID, nullable=True)
        batch_op.add_column(sa.Column("agenda_item_id", UUID, nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_follow_up_agenda_item_id_agenda_item"), "agenda_item",
                                    ["agenda_item_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_follow_up_agenda_item_id"), ["agenda_item_id"], unique=False)
    with op.batch_alter_table("opinion") as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=6), nullable=False, server_default="意见建议"))
        batch_op.add_column(sa.Column("agenda_item_id", UUID, nullable=True))
        batch_op.add_column(sa.Column("sent_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("reported_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("review_item_id", UUID, nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_opinion_agenda_item_id_agenda_item"), "agenda_item",
                                    ["agenda_item_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_opinion_review_item_id_agenda_item"), "agenda_item",
                                    ["review_item_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_opinion_agenda_item_id"), ["agenda_item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_opinion_review_item_id"), ["review_item_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("opinion") as batch_op:
        batch_op.drop_index(batch_op.f("ix_opinion_review_item_id"))
        batch_op.drop_index(batch_op.f("ix_opinion_agenda_item_id"))
        batch_op.drop_constraint(batch_op.f("fk_opinion_review_item_id_agenda_item"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_opinion_agenda_item_id_agenda_item"), type_="foreignkey")
        for column in ("review_item_id", "reported_on", "sent_on", "agenda_item_id", "kind"):
            batch_op.drop_column(column)
    with op.batch_alter_table("follow_up") as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_agenda_item_id"))
        batch_op.drop_constraint(batch_op.f("fk_follow_up_agenda_item_id_agenda_item"), type_="foreignkey")
        batch_op.drop_column("agenda_item_id")
        batch_op.alter_column("project_id", existing_type=UUID, nullable=False)
    with op.batch_alter_table("satisfaction_round") as batch_op:
        batch_op.drop_index(batch_op.f("ix_satisfaction_round_event_id"))
        batch_op.drop_index(batch_op.f("ix_satisfaction_round_agenda_item_id"))
        batch_op.drop_constraint(batch_op.f("fk_satisfaction_round_event_id_supervision_event"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_satisfaction_round_agenda_item_id_agenda_item"), type_="foreignkey")
        batch_op.drop_column("event_id")
        batch_op.drop_column("agenda_item_id")
        batch_op.alter_column("project_id", existing_type=UUID, nullable=False)
    op.drop_index(op.f("ix_agenda_item_jurisdiction_code"), table_name="agenda_item")
    op.drop_index(op.f("ix_agenda_item_event_id"), table_name="agenda_item")
    op.drop_table("agenda_item")
