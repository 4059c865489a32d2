"""Colours the style sheet and the self-painted widgets share (no imports: the style sheet is set before the
first paint)."""

PAGE_BG = "#f5f6f8"  # behind every pane (group boxes are see-through): widgets that paint their own ground use it
