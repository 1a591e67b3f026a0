"""The progress screens in `make screenshots`: a seeded week of practice, then the library's
weak-spots row, the dashboard, its weak-spots list and a level-2 drill in the light, dark and
high-contrast themes at 1366×768 and 1024×600, and a recommended passage with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from trainer.ui.progress.progress_controller import ProgressController
from trainer.ui.progress.sample_week import sample_week

if TYPE_CHECKING:
    from trainer.ui.shell.screenshots import ScreenshotTour

SIZES = ((1366, 768, ""), (1024, 600, "-1024x600"))
THEMES = ("light", "dark", "high-contrast")


def progress_steps(tour: ScreenshotTour) -> list[Callable[[], None]]:
    window = tour.window

    def controller() -> ProgressController:
        found = getattr(window, "progress", None)
        assert isinstance(found, ProgressController)
        return found

    def seed() -> None:
        window.resize(1366, 768)
        tour.theme("light")
        if window.profile_id is not None:
            sample_week(window.store, window.profile_id)
        window.show_library()

    def dashboard(width: int, height: int, theme: str) -> None:
        window.resize(width, height)
        tour.theme(theme)
        controller().show_dashboard()
        controller().dashboard.scroll_area.verticalScrollBar().setValue(0)

    def weak_list() -> None:
        view = controller().dashboard
        if view.next_buttons:
            view.next_buttons[0].setFocus()  # shows the focus frame in every theme
            view.scroll_area.ensureWidgetVisible(view.next_buttons[-1])

    def drill(answer: bool) -> None:
        ctl = controller()
        ctl.start_drill()
        ctl.drill.start(ctl.drill.items, ctl.taxonomy, 2)  # 16 techniques and Fair
        if answer and ctl.drill.options:
            ctl.drill.choose(ctl.drill.options[-1][0])
        elif ctl.drill.buttons:
            ctl.drill.buttons[0].setFocus()

    def recommended() -> None:
        window.resize(1366, 768)
        tour.theme("light")
        window.show_library()
        ctl = controller()
        ctl.refresh_weak_spots()
        ctl.weak_entry.button.click()

    steps: list[Callable[[], None]] = [
        seed,
        lambda: controller().refresh_weak_spots(),
        lambda: tour.grab(window, "13-library-weak-spots"),
    ]
    for width, height, suffix in SIZES:
        for theme in THEMES:
            tag = f"{theme}{suffix}"
            steps += [
                partial(dashboard, width, height, theme),
                partial(tour.grab, window, f"14-dashboard-{tag}"),
                weak_list,
                partial(tour.grab, window, f"15-weak-spots-{tag}"),
                partial(drill, theme != "light"),
                partial(tour.grab, window, f"16-drill-level2-{tag}"),
            ]
    steps += [recommended, lambda: tour.grab(window, "17-practice-recommended")]
    return steps
