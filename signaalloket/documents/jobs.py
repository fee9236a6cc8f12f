"""Due job: remove stored files that no document version refers to.

A file is written before its database row; when the surrounding transaction rolls back
(for instance in a caller's larger transaction) the file stays behind without a row. Such
orphans hold no document (documents are never deleted) and are removed after a grace period.
"""

import datetime

from django.core.files.storage import default_storage

from .models import DocumentVersion

GRACE = datetime.timedelta(hours=2)
ROOT = "documents"


def sweep_orphan_files(now) -> int:
    removed = 0
    try:
        prefixes, _ = default_storage.listdir(ROOT)
    except (FileNotFoundError, NotImplementedError, OSError):
        return 0
    for prefix in prefixes:
        folder = f"{ROOT}/{prefix}"
        try:
            _, files = default_storage.listdir(folder)
        except (FileNotFoundError, OSError):
            continue
        if not files:
            continue
        referenced = set(
            DocumentVersion.objects.filter(file__startswith=f"{folder}/").values_list(
                "file", flat=True
            )
        )
        for name in files:
            path = f"{folder}/{name}"
            if path in referenced:
                continue
            try:
                if now - default_storage.get_modified_time(path) < GRACE:
                    continue  # may belong to an upload that is still being committed
                default_storage.delete(path)
            except (FileNotFoundError, OSError):
                continue
            removed += 1
    return removed
