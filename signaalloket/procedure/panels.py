def procedure_panel_context(request, signal):
    return None
