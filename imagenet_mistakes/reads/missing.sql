-- What the database lacks because its sources did not have it, one row each.
select
    'ImageNet-M list' as missing,
    'not available from the multi-label source used ('
    || (select source from label_sets where analysed) || ')' as reason
where not exists (select 1 from image_flags where imagenet_m is not null)
