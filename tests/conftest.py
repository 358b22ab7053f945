import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(scope="session")
def record():
    import unvotes

    return unvotes.load()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
