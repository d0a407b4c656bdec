"""Optional packages: one place imports them and says which extra to install when absent."""

from __future__ import annotations

import importlib
from types import ModuleType

from negotrack.errors import MissingExtraError

__all__ = ["require"]


def require(module: str, *, extra: str, needed_for: str) -> ModuleType:
    """Import an optional package's module, or say which extra to install.

    Parameters
    ----------
    module : str
        The dotted module name (``"pandas"``, ``"matplotlib.figure"``).
    extra : str
        The negotrack extra that installs it (``"pandas"``, ``"plot"``).
    needed_for : str
        What needs it, for the message (``"to_frame()"``, ``"plotting"``).

    Returns
    -------
    module
        The imported module.

    Raises
    ------
    MissingExtraError
        If the module cannot be imported; the message names the extra.

    Examples
    --------
    >>> from negotrack._extras import require
    >>> require("json", extra="none", needed_for="this example").__name__
    'json'
    >>> try:
    ...     require("no_such_module_here", extra="plot", needed_for="plotting")
    ... except ImportError as err:
    ...     print(err)
    plotting needs no_such_module_here, which is not installed: pip install 'negotrack[plot]'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.split(".", maxsplit=1)[0]
        raise MissingExtraError(
            f"{needed_for} needs {top}, which is not installed: pip install 'negotrack[{extra}]'",
            path=top,
            value=extra,
        ) from None
