-- Orders are spread by the customer who placed them and sorted by time (Redshift has no indexes).
CREATE TABLE orders (
    id           BIGINT IDENTITY(1, 1) NOT NULL,
    email        VARCHAR(100) NOT NULL DISTKEY,
    product_id   INT NOT NULL,
    quantity     INT NOT NULL,
    date_created TIMESTAMP
)
SORTKEY (date_created);
