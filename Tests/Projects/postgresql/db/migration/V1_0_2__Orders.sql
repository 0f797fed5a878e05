CREATE TABLE orders (
    order_id   BIGINT ${slipway:identity} PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (user_id),
    ordered_at TIMESTAMP NOT NULL DEFAULT ${slipway:now},
    amount     NUMERIC(12, 2) NOT NULL DEFAULT 0
);

-- Redshift has no indexes (it orders data by sort keys): the next line runs on PostgreSQL only.
${slipway:postgresql}CREATE INDEX orders_user_idx ON orders (user_id);
