def meeting_panel_context(request, signal):
    return None
