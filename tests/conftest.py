import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(scope="session")
def record():
    import unvotes

    return unvotes.load()


@pytest.fixture(scope="session")
def voeten_record():
    """Voeten's values for 1946-2019 as R unvotes 0.3.0 ships them (tests that pin Voeten's data)."""
    import unvotes

    return unvotes.load(edition="voeten")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
