"""回头看 campaigns (figures, visit log, the 问题清单's hand-over) and 代表专班 supervision groups

Revision ID: 0009_campaigns
Revises: 0008_agenda
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_campaigns"
down_revision = "0008_agenda"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supervision_group",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("leader_name", sa.String(length=60), nullable=False),
        sa.Column("leader_title", sa.String(length=60), nullable=False),
        sa.Column("focus", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_group")),
    )
    op.create_index(op.f("ix_supervision_group_jurisdiction_code"), "supervision_group", ["jurisdiction_code"], unique=False)
    op.create_index(op.f("ix_supervision_group_year"), "supervision_group", ["year"], unique=False)
    op.create_table(
        "campaign",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("look_back", sa.JSON(), nullable=False),
        sa.Column("deputies", sa.Integer(), nullable=True),
        sa.Column("beneficiaries", sa.Integer(), nullable=True),
        sa.Column("sites", sa.Integer(), nullable=True),
        sa.Column("forums", sa.Integer(), nullable=True),
        sa.Column("opinions", sa.Integer(), nullable=True),
        sa.Column("questionnaires", sa.Integer(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["supervision_event.id"], name=op.f("fk_campaign_event_id_supervision_event"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
        sa.UniqueConstraint("event_id", name=op.f("uq_campaign_event_id")),
    )
    op.create_index(op.f("ix_campaign_jurisdiction_code"), "campaign", ["jurisdiction_code"], unique=False)
    op.create_table(
        "group_member",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("deputy_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["deputy_id"], ["deputy.id"], name=op.f("fk_group_member_deputy_id_deputy")),
        sa.ForeignKeyConstraint(["group_id"], ["supervision_group.id"], name=op.f("fk_group_member_group_id_supervision_group"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_member")),
        sa.UniqueConstraint("group_id", "deputy_id", name=op.f("uq_group_member_group_id")),
    )
    op.create_index(op.f("ix_group_member_group_id"), "group_member", ["group_id"], unique=False)
    op.create_index(op.f("ix_group_member_jurisdiction_code"), "group_member", ["jurisdiction_code"], unique=False)
    op.create_table(
        "campaign_visit",
        sa.Column("campaign_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=120), nullable=False),
        sa.Column("project_id", sa.String(length=36), nullable=True),
        sa.Column("deputy_ids", sa.JSON(), nullable=False),
        sa.Column("people_met", sa.Integer(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"], name=op.f("fk_campaign_visit_campaign_id_campaign"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name=op.f("fk_campaign_visit_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_visit")),
    )
    op.create_index(op.f("ix_campaign_visit_campaign_id"), "campaign_visit", ["campaign_id"], unique=False)
    op.create_index(op.f("ix_campaign_visit_jurisdiction_code"), "campaign_visit", ["jurisdiction_code"], unique=False)
    op.create_table(
        "group_project",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["supervision_group.id"], name=op.f("fk_group_project_group_id_supervision_group"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name=op.f("fk_group_project_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_project")),
        sa.UniqueConstraint("group_id", "project_id", name=op.f("uq_group_project_group_id")),
    )
    op.create_index(op.f("ix_group_project_group_id"), "group_project", ["group_id"], unique=False)
    op.create_index(op.f("ix_group_project_jurisdiction_code"), "group_project", ["jurisdiction_code"], unique=False)
    op.create_table(
        "campaign_opinion",
        sa.Column("opinion_id", sa.String(length=36), nullable=False),
        sa.Column("campaign_id", sa.String(length=36), nullable=False),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        sa.Column("handed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"], name=op.f("fk_campaign_opinion_campaign_id_campaign"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["opinion_id"], ["opinion.id"], name=op.f("fk_campaign_opinion_opinion_id_opinion"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["visit_id"], ["campaign_visit.id"], name=op.f("fk_campaign_opinion_visit_id_campaign_visit"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_opinion")),
        sa.UniqueConstraint("opinion_id", name=op.f("uq_campaign_opinion_opinion_id")),
    )
    op.create_index(op.f("ix_campaign_opinion_campaign_id"), "campaign_opinion", ["campaign_id"], unique=False)
    op.create_index(op.f("ix_campaign_opinion_jurisdiction_code"), "campaign_opinion", ["jurisdiction_code"], unique=False)



def downgrade() -> None:
    op.drop_index(op.f("ix_campaign_opinion_jurisdiction_code"), table_name="campaign_opinion")
    op.drop_index(op.f("ix_campaign_opinion_campaign_id"), table_name="campaign_opinion")
    op.drop_table("campaign_opinion")
    op.drop_index(op.f("ix_group_project_jurisdiction_code"), table_name="group_project")
    op.drop_index(op.f("ix_group_project_group_id"), table_name="group_project")
    op.drop_table("group_project")
    op.drop_index(op.f("ix_campaign_visit_jurisdiction_code"), table_name="campaign_visit")
    op.drop_index(op.f("ix_campaign_visit_campaign_id"), table_name="campaign_visit")
    op.drop_table("campaign_visit")
    op.drop_index(op.f("ix_group_member_jurisdiction_code"), table_name="group_member")
    op.drop_index(op.f("ix_group_member_group_id"), table_name="group_member")
    op.drop_table("group_member")
    op.drop_index(op.f("ix_campaign_jurisdiction_code"), table_name="campaign")
    op.drop_table("campaign")
    op.drop_index(op.f("ix_supervision_group_year"), table_name="supervision_group")
    op.drop_index(op.f("ix_supervision_group_jurisdiction_code"), table_name="supervision_group")
    op.drop_table("supervision_group")
