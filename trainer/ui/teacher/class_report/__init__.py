"""The teacher's class report screen (issue 12 item 3) and its printable heatmap."""
