-- Products form a slowly changing dimension (type 2): a product that changes is CLOSED and re-inserted.
CREATE TABLE products (
    id           INT NOT NULL IDENTITY(1, 1),
    product_name VARCHAR(150) NOT NULL ENCODE zstd,
    price        DECIMAL(12, 2) NOT NULL,
    status       VARCHAR(25) NOT NULL DEFAULT 'ACTIVE' ENCODE bytedict,
    close_date   DATE
)
DISTSTYLE AUTO SORTKEY AUTO;

-- The nightly ETL lands new product versions here; merge_staged_products() moves them into products.
CREATE TABLE products_staging (
    id           INT NOT NULL IDENTITY(1, 1),
    product_name VARCHAR(150) NOT NULL,
    price        DECIMAL(12, 2) NOT NULL
)
BACKUP NO;
