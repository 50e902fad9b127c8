-- Store the rules' verdicts on the pairs of an image and a predicted class that the
-- mistakes of the models just stored ($models) bring: those no stored verdict has
-- (another model's mistake may have brought it). Queued, judged and unqueued in the
-- write's transaction, so the rules run on the new pairs alone. Once per batch:
-- the models of a zoo share most of their pairs.
insert into verdict_queue
select distinct found.image_number, found.original_class, found.predicted_class
from model_mistakes as found
anti join mistake_verdicts_snapshot as stored
    on stored.image_number = found.image_number
    and stored.predicted_class = found.predicted_class
where found.model in (select unnest($models::varchar[]));
-- Each rule is a join from the pairs, written in the order that is fast: DuckDB's
-- join-order optimizer, given a dozen rules at once, builds on the evidence tables and
-- takes 0.3 s however few the pairs, against 0.06 s (benchmarks/categoriser.py).
set disabled_optimizers = 'join_order';
insert into mistake_verdicts_snapshot
select
    image_number,
    predicted_class,
    auto_category,
    category_rule,
    category_evidence,
    auto_severity,
    severity_rule,
    severity_evidence
from queued_verdicts;
reset disabled_optimizers;
delete from verdict_queue;
