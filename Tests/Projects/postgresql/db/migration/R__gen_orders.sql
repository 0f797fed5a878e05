-- Inserts n orders for the user with the given email (test data generator).
CREATE OR REPLACE PROCEDURE gen_orders(p_email VARCHAR, p_count INT)
AS $$
DECLARE
    v_user_id BIGINT;
BEGIN
    SELECT user_id INTO v_user_id FROM users WHERE email = p_email;
    IF v_user_id IS NULL THEN
        RAISE EXCEPTION 'no user with email %', p_email;
    END IF;
    FOR i IN 1..p_count LOOP
        INSERT INTO orders (user_id, amount) VALUES (v_user_id, i * 10);
    END LOOP;
END;
$$ LANGUAGE plpgsql;
