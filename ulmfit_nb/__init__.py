__version__ = "0.1.0"

# The package's front door, `from ulmfit_nb import Predictor, LanguageModel`, imported on first use: `import ulmfit_nb`
# (and `ulmfit --help`) must not wait for torch and fastai. (Written by hand: nbdev keeps `__init__.py` as it is.)
_LAZY = {'Predictor': 'ulmfit_nb.ensemble', 'LanguageModel': 'ulmfit_nb.generation', 'train': 'ulmfit_nb.run', 'make_config': 'ulmfit_nb.run'}
__all__ = list(_LAZY)

def __getattr__(name):
    if name not in _LAZY: raise AttributeError(f"module 'ulmfit_nb' has no attribute {name!r}")
    import importlib
    return getattr(importlib.import_module(_LAZY[name]), name)
