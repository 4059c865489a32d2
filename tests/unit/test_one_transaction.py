"""One user action is one transaction: a progress report with its photos, a vote counted, sealed and published."""

from __future__ import annotations

import pytest

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.services import seal_service
from minsheng_desktop.services.project_service import ProjectService
from minsheng_desktop.services.vote_service import VoteService
from minsheng_desktop.storage import audit_repo, proposal_repo, seal_repo, vote_repo
from tests.conftest import CLOCK, TODAY
from tests.unit.test_vote_service import started, town  # noqa: F401  (the fixture)


def _state(svc: ProjectService, project_id: str):
    d = svc.detail(project_id)
    return d.project.percent, len(d.reports), d.project.status


def test_an_oversized_photo_leaves_no_report(demo_db, clock, tmp_path, monkeypatch):
    monkeypatch.setattr("minsheng_desktop.services.intake_service.MAX_ATTACHMENT", 10)
    svc = ProjectService(demo_db, clock)
    p = next(p for p in svc.projects(2026) if p.status != "已完成")
    before = _state(svc, p.id)
    small, big = tmp_path / "a.jpg", tmp_path / "b.jpg"
    small.write_bytes(b"\xff\xd8ok")
    big.write_bytes(b"\xff\xd8" + b"x" * 100)
    with pytest.raises(UserError, match="20 MB"):
        svc.add_progress(p.id, TODAY, 90, "主体完工", photos=[small, big])
    assert _state(svc, p.id) == before


def test_a_photo_failing_to_store_leaves_no_report(demo_db, clock, tmp_path, monkeypatch):
    svc = ProjectService(demo_db, clock)
    p = next(p for p in svc.projects(2026) if p.status != "已完成")
    before = _state(svc, p.id)
    with demo_db.unit_of_work() as s:
        entries = len(audit_repo.entries_for(s, p.id))
    photos = [tmp_path / "a.jpg", tmp_path / "b.jpg"]
    for f in photos:
        f.write_bytes(b"\xff\xd8jpeg")
    stored = []

    def add_attachment(s, *args, **kw):
        if stored:
            raise OSError("disk full")
        stored.append(args)
        return real(s, *args, **kw)

    real = proposal_repo.add_attachment
    monkeypatch.setattr(proposal_repo, "add_attachment", add_attachment)
    with pytest.raises(OSError):
        svc.add_progress(p.id, TODAY, 90, "主体完工", photos=photos)
    assert stored  # the first photo was written, then the whole report rolled back with it
    assert _state(svc, p.id) == before
    with demo_db.unit_of_work() as s:
        assert len(audit_repo.entries_for(s, p.id)) == entries
    monkeypatch.setattr(proposal_repo, "add_attachment", real)
    svc.add_progress(p.id, TODAY, 90, "主体完工", photos=photos)
    assert svc.detail(p.id).reports[-1].photos == 2


def _counted(db):
    svc, sid = started(db)
    a, b, _c = (x.id for x in svc.info(sid).candidates)
    svc.declare_collected(sid, 6)
    for _ in range(6):
        svc.record_ballot(sid, {a: "Y", b: "Y"})
    return svc, sid


def _unpublished(db, sid: str) -> None:
    info = VoteService(db, CLOCK).info(sid)
    assert info.status == "counting" and info.result is None
    with db.unit_of_work() as s:
        v = vote_repo.get_session(s, sid)
        assert v.seal_hash in (None, "") and v.sealed_at is None
        assert seal_repo.seal_for(s, sid) is None
        assert "vote.sealed" not in [e.action for e in audit_repo.entries_for(s, sid)]
    from minsheng_desktop.services.project_service import ProjectService as P

    assert P(db, CLOCK).projects(2026) == []


def test_a_failing_seal_leaves_the_session_unpublished(town, monkeypatch):  # noqa: F811
    svc, sid = _counted(town)

    def broken(s, v):
        raise RuntimeError("the signing key could not be read")

    monkeypatch.setattr(seal_service, "seal_vote", broken)
    with pytest.raises(RuntimeError):
        svc.publish(sid)
    _unpublished(town, sid)
    monkeypatch.undo()
    svc.publish(sid)
    info = svc.info(sid)
    assert info.status == "sealed" and len(info.result.chosen) == 2
    assert len(ProjectService(town, CLOCK).projects(2026)) == 2


def test_a_failing_seal_of_a_void_vote_keeps_the_count_unsaved(town, monkeypatch):  # noqa: F811
    """Declaring more ballots than issued voids the vote at once: the count and the seal are one unit too."""
    svc, sid = started(town)
    monkeypatch.setattr(seal_service, "seal_vote", lambda s, v: (_ for _ in ()).throw(RuntimeError("no key")))
    with pytest.raises(RuntimeError):
        svc.declare_collected(sid, 7)
    info = svc.info(sid)
    assert info.status == "counting" and info.ballots_collected is None
