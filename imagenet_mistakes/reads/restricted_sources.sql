-- The loaded sources whose licence matches $licence (a LIKE pattern: 'CC-BY-NC%' for
-- the non-commercial ones), and under which name each published source's rows appear
-- in published_models (manifest ids of a published source start with that name:
-- imagenet_x_results_... for imagenet_x), and the label set a source of labels gives.
select
    sources.source_id,
    sources.licence,
    (
        select min(published_models.source)
        from published_models
        where starts_with(sources.source_id, published_models.source || '_')
    ) as published_as,
    (
        select min(label_sets.label_set)
        from label_sets
        where label_sets.source = sources.source_id
    ) as labels_as
from sources
where sources.licence like $licence
order by sources.source_id
