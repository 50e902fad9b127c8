-- class_orders: the orders a model's 1,000 outputs may be numbered in, each
-- output mapped to our class id. add-model's input doctor tries each when a
-- model scores near chance; --class-order applies one.
CREATE TABLE IF NOT EXISTS class_orders (
    class_order  VARCHAR NOT NULL,
    output_index INTEGER NOT NULL CHECK (output_index BETWEEN 0 AND 999),
    class_id     INTEGER NOT NULL CHECK (class_id BETWEEN 0 AND 999),
    PRIMARY KEY (class_order, output_index)
);

COMMENT ON TABLE class_orders IS 'Orders a model''s outputs may be numbered in (sorted-wnid, ilsvrc-id, imagefolder-string), one row per order and output';
COMMENT ON COLUMN class_orders.class_order IS 'sorted-wnid (ours), ilsvrc-id (the devkit''s ILSVRC2012_ID - 1) or imagefolder-string (folders named 0..999, sorted as strings)';
COMMENT ON COLUMN class_orders.output_index IS 'Position of the model''s output, from 0';
COMMENT ON COLUMN class_orders.class_id IS 'The class (classes.class_id) that output means';
