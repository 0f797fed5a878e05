-- What each order cost when it was placed, so a later price change does not rewrite history: existing orders
-- get the price of the product version they point at (spec/order_amounts.yml checks this on real data).
ALTER TABLE orders ADD COLUMN amount DECIMAL(12, 2) DEFAULT 0;

UPDATE orders
   SET amount = orders.quantity * products.price
  FROM products
 WHERE products.id = orders.product_id;
