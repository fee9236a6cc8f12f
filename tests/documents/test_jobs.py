import datetime
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from signaalloket.core.jobs import registered_jobs
from signaalloket.documents.jobs import sweep_orphan_files
from tests.builders import build_signal

from .helpers import pdf_file, stored_files


@pytest.mark.django_db
def test_orphan_files_are_removed_after_the_grace_period(desk_user, settings):
    from signaalloket.documents.services import document_upload

    signal = build_signal(desk=desk_user)
    document = document_upload(
        signal=signal,
        actor=desk_user,
        uploaded_file=pdf_file(),
        kind="attachment",
        title="Bijlage",
        confidentiality="confidential",
    )
    kept = document.versions.get().file.name
    old_orphan = default_storage.save("documents/ab/" + "a" * 32, ContentFile(b"x"))
    default_storage.save("documents/ab/" + "b" * 32, ContentFile(b"y"))
    long_ago = (timezone.now() - datetime.timedelta(days=1)).timestamp()
    os.utime(default_storage.path(old_orphan), (long_ago, long_ago))
    os.utime(default_storage.path(kept), (long_ago, long_ago))
    assert "document_orphan_files" in registered_jobs()
    assert sweep_orphan_files(timezone.now()) == 1
    names = {p.name for p in stored_files(settings)}
    assert kept.rsplit("/", 1)[1] in names
    assert "b" * 32 in names and "a" * 32 not in names
    assert sweep_orphan_files(timezone.now()) == 0
