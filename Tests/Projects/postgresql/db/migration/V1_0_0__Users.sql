-- Customers who place orders.
CREATE TABLE users (
    user_id    BIGINT ${slipway:identity} PRIMARY KEY,
    email      VARCHAR(256) NOT NULL UNIQUE,
    name       VARCHAR(256),
    created_at TIMESTAMP NOT NULL DEFAULT ${slipway:now}
);
