-- Stands for a service's own migrations, numbered above the shared ones.
CREATE TABLE service_lookup (id INTEGER NOT NULL PRIMARY KEY);
