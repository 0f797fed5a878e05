-- Customers who place orders. Small and joined to often: a copy on every node.
CREATE TABLE users (
    email      VARCHAR(100) NOT NULL ENCODE zstd,
    first_name VARCHAR(100) NOT NULL,
    last_name  VARCHAR(100) NOT NULL,
    created_at TIMESTAMP DEFAULT GETDATE()
)
DISTSTYLE ALL;
