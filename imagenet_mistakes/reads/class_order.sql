-- The class id each output index means in the class order $order.
select class_id from class_orders where class_order = $order order by output_index
