from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Load data and measurements (`generate_load_data`, `bench`). Never used by the app itself."""

    name = "signaalloket.bench"
    label = "bench"
    verbose_name = "Benchmark"
