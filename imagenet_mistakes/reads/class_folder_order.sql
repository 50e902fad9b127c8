-- The images in class-folder order: val/<wnid>/<file>, by wnid (our class ids' order) then file.
select image_number from images order by label, file_name
