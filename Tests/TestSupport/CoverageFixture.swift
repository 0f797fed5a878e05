/// The procedure coverage tests measure: an IF/ELSE whose THEN stores the number in `t`. Its lines, counted from
/// the file line it starts on (1): BEGIN 2, IF 3, INSERT 4, RAISE 6.
public enum CoverageFixture {
    public static let classify = """
        CREATE OR REPLACE PROCEDURE classify(x int) LANGUAGE plpgsql AS $$
        BEGIN
          IF x > 0 THEN
            INSERT INTO t VALUES (x);
          ELSE
            RAISE NOTICE 'negative';
          END IF;
        END;
        $$;

        """
}
