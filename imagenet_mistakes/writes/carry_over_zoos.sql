-- The zoo of each model carried over from a file written before models had a
-- zoo column (package 0.4 and earlier): the testbed's said so in its description.
update models set zoo = 'imagenetv2' where zoo is null and description = 'imagenetv2 testbed';
