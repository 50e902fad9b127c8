-- The original label of every image, by image number.
select image_number, label from images order by image_number
