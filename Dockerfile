# The Airflow image used by docker-compose.yaml: the official Airflow 3.3.2 image plus the
# project's pinned runtime requirements. The project code itself is mounted, not copied.
FROM apache/airflow:3.3.2-python3.11
COPY --chown=airflow:root requirements.txt /opt/reportflow/requirements.txt
RUN pip install --no-cache-dir -r /opt/reportflow/requirements.txt
