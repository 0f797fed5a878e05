-- Products form a slowly changing dimension (type 2): a product that changes is CLOSED and re-inserted.
CREATE TABLE products (
    product_id   BIGINT ${slipway:identity} PRIMARY KEY,
    product_name VARCHAR(256) NOT NULL,
    price        NUMERIC(12, 2),
    status       VARCHAR(16) NOT NULL DEFAULT 'ACTIVE',
    close_date   DATE
);

-- The nightly ETL lands new product versions here; merge_staged_products() moves them into products.
CREATE TABLE products_staging (
    product_name VARCHAR(256) NOT NULL,
    price        NUMERIC(12, 2)
);
