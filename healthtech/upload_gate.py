"""Only an editor's session may hold uploaded files in the server's memory.

What Streamlit 1.67 allows (read in streamlit/web/server/starlette/starlette_routes.py, `_upload_put`): a
`PUT /_stcore/upload_file/{session_id}/{file_id}` is accepted when the XSRF cookie and header match (any
visitor gets the cookie with the page) and the session id is an active session. The file id is any string: no
`st.file_uploader` widget is needed, so a session stuck at the sign-in form can store any number of files of
up to `server.maxUploadSize` each, and `MemoryUploadedFileManager` keeps them until the session ends.

`install()` wraps the runtime's uploaded-file manager once: a file for a session that the access gate has not
marked as an editor's is dropped on arrival (the request still gets its 204; its bytes are freed when the
handler returns). What stays possible is one request's worth of memory per concurrent upload, which the proxy
limits (docs/deploy.md: body size and request rate on /_stcore/upload_file).

Fragile like `_leave_pages_directory_mode` (docs/maintainers.md): it wraps `Runtime.uploaded_file_mgr.add_file`.
If a Streamlit upgrade renames it, `install()` returns False and `tests/test_upload_gate.py` fails.
"""

from __future__ import annotations

import threading

_editors: set[str] = set()
_lock = threading.Lock()
MARK = "_healthtech_editors_only"


def mark(is_editor: bool) -> None:
    """Called by the access gate on every run: may this session hold uploads?"""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:  # bare mode, the meeting pack's off-screen runs: no session, no uploads
        return
    manager = install()
    with _lock:
        if is_editor:
            _editors.add(ctx.session_id)
            return
        was_editor = ctx.session_id in _editors
        _editors.discard(ctx.session_id)
    if was_editor and manager is not None:  # signed out: what the session uploaded goes too
        manager.remove_session_files(ctx.session_id)


def allowed(session_id: str) -> bool:
    with _lock:
        return session_id in _editors


def install():
    """Wrap the running server's uploaded-file manager (once); returns it, or None without a runtime."""
    try:
        from streamlit.runtime import Runtime

        manager = Runtime.instance().uploaded_file_mgr
    except Exception:  # noqa: BLE001 - no runtime (AppTest, bare mode): nothing to guard
        return None
    if getattr(manager, MARK, False):
        return manager
    original = manager.add_file

    def add_file(session_id: str, file) -> None:
        if allowed(session_id):
            original(session_id, file)

    manager.add_file = add_file
    setattr(manager, MARK, True)
    return manager
