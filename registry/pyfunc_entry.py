"""MLflow "models from code" entry point: the pyfunc is rebuilt from this file, never unpickled."""
from mlflow.models import set_model

from memlora.registry.pyfunc_model import AdapterModel

set_model(AdapterModel())
