-- Slowly changing dimension type 2: close the ACTIVE versions of staged products, append the staged rows,
-- and leave the staging table empty for the next ETL run.
CREATE OR REPLACE PROCEDURE merge_staged_products()
AS $$
BEGIN
    UPDATE products
       SET status = 'CLOSED', close_date = CURRENT_DATE
     WHERE product_name IN (SELECT product_name FROM products_staging)
       AND status = 'ACTIVE';

    INSERT INTO products (product_name, price)
    SELECT product_name, price FROM products_staging;

    TRUNCATE products_staging;
END;
$$ LANGUAGE plpgsql;
