-- architecture(name): the architecture a model's name says, as the sources write names:
-- ETH's source--architecture[.tag] (timm--convnext_tiny.fb_in1k), timm's
-- architecture.tag (convnext_tiny.fb_in1k), timm2022's (convnext_tiny.timm2022), the
-- testbed's and most users' plain architecture (resnet50). The crosswalk compares the
-- numbers of models of one architecture, whatever their weights.
create or replace macro architecture(name) as
    split_part(regexp_replace(name, '^.*--', ''), '.', 1);
