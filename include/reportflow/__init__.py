"""reportflow: turns Chinese county-level education governance reports into tables.

Plain Python, no Airflow imports: the CLI, the tests and the DAG all call this package.
"""

__version__ = "0.1.0"
