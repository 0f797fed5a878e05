-- Test data: num_items orders of one ACTIVE product each for the user with this email.
CREATE OR REPLACE PROCEDURE gen_orders(in_email VARCHAR, num_items INTEGER)
AS $$
DECLARE
    known INTEGER;
BEGIN
    SELECT INTO known COUNT(*) FROM users WHERE email = in_email;
    IF known = 0 THEN
        RAISE EXCEPTION 'no user with email %', NVL(in_email, '(null)');
    END IF;
    FOR i IN 1..num_items LOOP
        INSERT INTO orders (email, product_id, quantity, amount, date_created)
        SELECT in_email, id, 1, price, GETDATE()
          FROM products
         WHERE status = 'ACTIVE'
         ORDER BY RANDOM()
         LIMIT 1;
    END LOOP;
END;
$$ LANGUAGE plpgsql;
