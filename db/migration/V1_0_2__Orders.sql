-- Redshift has no indexes: orders are spread by the user who placed them and sorted by time.
CREATE TABLE orders (
    order_id   BIGINT IDENTITY(1, 1) PRIMARY KEY,
    user_id    BIGINT NOT NULL DISTKEY REFERENCES users (user_id),
    ordered_at TIMESTAMP NOT NULL DEFAULT GETDATE(),
    amount     NUMERIC(12, 2) NOT NULL DEFAULT 0 ENCODE az64
)
COMPOUND SORTKEY (ordered_at);
