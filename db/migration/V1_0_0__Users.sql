-- Customers who place orders. Small and joined to often: a copy on every node.
CREATE TABLE users (
    user_id    BIGINT IDENTITY(1, 1) PRIMARY KEY,
    email      VARCHAR(256) NOT NULL UNIQUE ENCODE zstd,
    name       VARCHAR(256) ENCODE zstd,
    created_at TIMESTAMP NOT NULL DEFAULT GETDATE()
)
DISTSTYLE ALL;
