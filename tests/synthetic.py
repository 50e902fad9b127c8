"""A SYNTHETIC source mirror for tests: made-up data in the layout of ../shared/data.

Nothing here is real annotation data. It exists to cover what the real mirror
lacks (an ImageNet-M list, ImageNetV2 image names to skip, absent keys for
empty lists) and to break inputs on purpose. Class wnids and the original
validation labels are the real ones shipped with tensorflow-datasets, because
the build checks every source against them.
"""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from imagenet_mistakes.loaders import imagenet_x_results
from imagenet_mistakes.sources import manifest


def _tfds_lines(source_id: str) -> list[str]:
    source = manifest()[source_id]
    assert source.package and source.resource
    return resources.files(source.package).joinpath(source.resource).read_text().split()


WNIDS = _tfds_lines("class_wnids")
VALIDATION_WNIDS = _tfds_lines("validation_labels")


def original_class_ids() -> list[int]:
    """The original label of each image as a class id, images 1..50,000 in order."""
    ids = {wnid: i for i, wnid in enumerate(WNIDS)}
    return [ids[wnid] for wnid in VALIDATION_WNIDS]


def image(number: int) -> str:
    return f"ILSVRC2012_val_{number:08d}.JPEG"


def label(number: int) -> str:
    """The real original label (wnid) of an image."""
    return VALIDATION_WNIDS[number - 1]


def other(number: int, k: int = 1) -> str:
    """A wnid that is not the image's original label."""
    return WNIDS[(WNIDS.index(label(number)) + k) % len(WNIDS)]


# Images 1-5 are annotated; 3 is problematic; 1 and 2 form the ImageNet-M split.
ANNOTATED = [image(n) for n in range(1, 6)]
PROBLEMATIC = [image(3)]
IMAGENET_M = [image(1), image(2)]
REAL_EXCLUDED = [image(2), image(50_000)]


def human_accuracy() -> dict[str, Any]:
    """A canonical-schema multi-label file; lists that would be empty have no key, as upstream."""
    return {
        "initial_annots": {
            image(1): {"correct": [label(1)], "wrong": [other(1)]},
            image(2): {"correct": [label(2)], "unclear": [other(2)]},
            image(3): {"wrong": [label(3)], "unclear": [other(3)]},
            image(4): {"correct": [label(4), other(4)], "wrong": [other(4, 2)]},
            image(5): {"correct": [label(5)]},
            # ImageNetV2 images share the file upstream and must be skipped.
            "imagenetv2-matched-frequency/0/7e4b1f.jpeg": {"correct": [label(1)]},
        },
        "problematic_images": {
            image(3): {"reason": "synthetic: original label wrong"},
            "imagenetv2-matched-frequency/0/7e4b1f.jpeg": {"reason": "synthetic"},
        },
        "imagenet_m": IMAGENET_M,
    }


def _ids(wnids: list[str]) -> str:
    return ", ".join(str(WNIDS.index(w)) for w in wnids)


def write_mirror(root: Path, *, canonical: bool = True) -> Path:
    """Write every mirrored source; without `canonical` only the TFDS dump has multi-labels."""
    files = {s.id: root / s.mirror_path for s in manifest().values() if s.mirror_path}
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)

    classes = [
        {
            "cid": i,
            "wnid": w,
            "synset": [f"synthetic class {i}", f"alias {i}"],
            "gloss": "synthetic",
        }
        for i, w in enumerate(WNIDS)
    ]
    files["classes"].write_text(json.dumps(classes))

    annots = human_accuracy()
    if canonical:
        files["human_accuracy_v3"].write_text(json.dumps(annots))
    with files["tfds_multilabel_dump"].open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(
            ["id", "category", "original_label", "proposed_labels", "manually_validated",
             "unclear_multi_labels", "wrong_multi_labels", "is_problematic"]
        )  # fmt: skip
        for name in ANNOTATED:
            a = annots["initial_annots"][name]
            number = int(name[15:23])
            writer.writerow(
                [name, "synthetic", WNIDS.index(label(number)), _ids(a.get("correct", [])), True,
                 _ids(a.get("unclear", [])), _ids(a.get("wrong", [])), name in PROBLEMATIC]
            )  # fmt: skip

    real = [[] if image(n) in REAL_EXCLUDED else [WNIDS.index(label(n))] for n in range(1, 50_001)]
    real[3] = [WNIDS.index(label(4)), WNIDS.index(other(4))]
    files["real"].write_text(json.dumps(real))
    write_real_ratings(files["real_scores"], files["real_raters"])

    files["vit3b_mistakes"].write_text(
        json.dumps(
            {
                image(3): {
                    "top_prediction": 1,
                    "failure category": "Fine-grained error",
                    "failure severity": "Borderline",
                },
                image(5): {
                    "top_prediction": 2,
                    "failure category": "Fine-grained error with OOV",
                    "failure severity": "Major",
                },
            }
        )  # fmt: skip
    )
    files["greedy_soups_mistakes"].write_text(
        json.dumps(
            {
                image(5): {
                    "top_prediction": 3,
                    "failure category": "Fine-grained with OOV",
                    "failure severity": "Minor",
                },
            }
        )  # fmt: skip
    )
    files["class_confusions"].write_text(
        json.dumps([[WNIDS[0], WNIDS[1], 2], [WNIDS[1], WNIDS[0], 1]])
    )
    write_hierarchy(files["wordnet_hierarchy"], files["wordnet_names"])
    files["cleanlab_mturk"].write_text(json.dumps(cleanlab_votes()))
    write_problem_groups(files["flaws_problem_kinds"], files["flaws_problem_groups"])
    write_flaws_labels(files["tsipras_finegrained"], files["flaws_clean_validation"])
    write_published(files)
    return root


# Label files in Flaws of ImageNet's normalised shape: image 1 confirmed, image 4 given its
# original label and another, image 5 another label only, image 6 none (ambiguous). The
# clean validation labels keep the first three.
FINEGRAINED = [
    (1, "A", [WNIDS.index(label(1))]),
    (4, "M", [WNIDS.index(other(4)), WNIDS.index(label(4))]),
    (5, "B", [WNIDS.index(other(5))]),
    (6, "X", []),
]
CLEAN_VALIDATION = FINEGRAINED[:3]


def write_flaws_labels(finegrained: Path, clean: Path) -> None:
    with finegrained.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(
            ["id", "category", "original_label", "proposed_labels", "manually_validated"]
        )
        for number, category, ids in FINEGRAINED:
            proposed = ", ".join(map(str, ids))
            writer.writerow([image(number), category, WNIDS.index(label(number)), proposed, True])
    with clean.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "original_label", "proposed_labels", "validation"])
        for number, _, ids in CLEAN_VALIDATION:
            writer.writerow(
                [image(number), WNIDS.index(label(number)), ", ".join(map(str, ids)), "+*"]
            )


# Synthetic problem groups (Flaws of ImageNet's clusters.json): classes 0 and 1, literally
# similar; classes 2, 3 and 4, a subclass and what occurs with it.
PROBLEM_GROUPS = [([0, 1], [2]), ([2, 3, 4], [3, 6])]


def write_problem_groups(kinds: Path, groups: Path) -> None:
    """CATEGORIES.md's table of kinds and clusters.json, as Flaws of ImageNet writes them."""
    kinds.write_text(
        "### The categories are defined as follows:\n\n"
        "| Category | Description | Examples |\n|---|---|---|\n"
        "| 1 | Easily distinguishable by non-experts | parallel bars, horizontal bar |\n"
        "| 2 | Literally similar for non-experts | husky, malamute |\n"
        "| 3 | Class is a subclass of another class | elephant is also a tusker |\n"
        "| 4 | Class is a part of another class object | space bar is a part of keyboard |\n"
        "| 5 | Near synonyms as understood by non-experts | laptop, notebook |\n"
        "| 6 | Mostly occur together | corals, anemone fish |\n"
    )
    groups.write_text(
        json.dumps(
            [
                {"category": kinds_of, "classes": {str(c): f"alias {c}" for c in members}}
                for members, kinds_of in PROBLEM_GROUPS
            ],
            indent=4,
        )
    )


def write_real_ratings(scores: Path, raters: Path) -> None:
    """SYNTHETIC ReaL ratings of image 4, consistent with its two ReaL labels (score >= 0.8),
    and of a third class the raters turned down; two raters."""
    asked = [WNIDS.index(label(4)), WNIDS.index(other(4)), (WNIDS.index(label(4)) + 7) % 1000]
    info = np.array([[image(4), str(c)] for c in asked])
    np.savez(scores, info=info, tensor=np.array([0.95, 0.85, 0.1]))
    votes = np.zeros((2, 3, 3))
    votes[:, 0, 2] = 1  # both yes
    votes[0, 1, 2], votes[1, 1, 1] = 1, 1  # yes and maybe
    votes[:, 2, 0] = 1  # both no
    np.savez(raters, info=info, tensor=votes, ids=np.array([1, 2]))


# SYNTHETIC published results: two timm models (one at two resolutions), two
# of ETH's, two of the testbed's, two of OpenCLIP's, with made-up numbers in each
# source's layout.
TIMM_ROWS = [
    ("synthnet_a.tag_in1k", 224, 81.5, 95.25, '"1,024.50"'),
    ("synthnet_a.tag_in1k", 288, 82.125, 95.5, '"1,024.50"'),
    ("synthnet_b.other_in22k", 224, 70.0, 90.0, "5.00"),
]
ETH_ROWS = [
    ("timm--synthnet_a.tag_in1k", 1024500000, "ImageNet-1k (1.2M)", 81.5, 90.25, 11),
    ("torchvision--synthnet_c", 5000000, "ImageNet-21k (14M)", 60.0, 70.5, 40),
]


def write_published(files: dict[str, Path]) -> None:
    header = "model,img_size,top1,top1_err,top5,top5_err,param_count,crop_pct,interpolation"
    for source_id, path in files.items():
        if source_id.startswith("timm_results_"):
            path.write_text(
                header + "\n" + "".join(
                    f"{m},{size},{t1},{100 - t1},{t5},{100 - t5},{params},0.875,bicubic\n"
                    for m, size, t1, t5, params in TIMM_ROWS
                )
            )  # fmt: skip
    columns = (
        "model_dir_id,num_params,training_data,arch,arch_family,arch_group,extra_annotations,"
        "top1_val_acc,imagenet_top1_val_acc,imagenet_mla_val_acc,num_all_samples,"
        "num_group_samples,num_group_correct,num_all_top1_errors,num_group_top1_errors,mla_all,"
        "mla_all_minor_error,mla_all_explainable_error,mla_group,mla_group_minor_error,"
        "mla_group_explainable_error,num_collapsed_mappings,num_ambiguous,num_same_superclass,"
        "num_common_co_occ,num_non_prototypical,num_OOV_clip,num_not_classified,"
        "num_all_imagenet-m_samples,num_group_imagenet-m_samples,num_imagenet-m_errors"
    )
    for group, share in [("all", 1), ("artifact", 0.5), ("organism", 0.25), ("other", 0.25)]:
        images = int(18_692 * share)
        files[f"eth_stats_{group}"].write_text(
            columns + "\n" + "".join(
                f"{m},{params},{data},synthnet,cnn,Synth,[],{t1},{t1},{mla},18692,{images},"
                f"{images // 2},9346,{images - images // 2},{mla},{mla + 1},{mla + 2},{mla},"
                f"{mla + 1},{mla + 2},1,2,3,4,5,6,7,68,68,{errors}\n"
                for m, params, data, t1, mla, errors in ETH_ROWS
            )
        )  # fmt: skip
    files["testbed_top1"].write_text(
        "model,val,imagenet-a,greyscale\nsynthnet_testbed,76.5,,70.25\nresnet50,76.13,0.5,72.0\n"
    )
    files["openclip_results"].write_text(OPENCLIP)
    for source_id, path in files.items():
        if source_id.startswith("eth_common_errors_"):
            path.write_text(common_errors(COMMON_ERRORS))
        if source_id.startswith("imagenet_x_results_"):
            path.write_text(
                "model," + ",".join(imagenet_x_results.COLUMNS) + "\n" + "".join(
                    f"{m}," + ",".join([str(value)] * len(imagenet_x_results.COLUMNS)) + "\n"
                    for m, value in IMAGENET_X_ROWS
                )
            )  # fmt: skip


# SYNTHETIC OpenCLIP results: its columns (a dataset it has that is not read among
# them), fractions to 4 decimals.
OPENCLIP = (
    "name,pretrained,params (M),FLOPs (B),ImageNet 1k,Caltech-101,ImageNet Sketch,"
    "ImageNet v2,ImageNet-A,ImageNet-O,ImageNet-R,ObjectNet\n"
    "SynthCLIP-B,synth2b,151.28,14.78,0.6332,0.8758,0.4229,0.5592,0.3155,0.4775,0.6933,0.4431\n"
    "SynthCLIP-B,openai,102.01,18.18,0.5982,0.8329,0.3544,0.5284,0.2327,0.5720,0.6073,0.4141\n"
)


# SYNTHETIC ImageNet-X results: every column of every file the same made-up value.
IMAGENET_X_ROWS = [("synthnet_x", 0.5), ("resnet50", 0.75)]


# SYNTHETIC common errors, as ETH lists them: (image, models wrong), each
# predicting the class after its original label.
COMMON_ERRORS = [(3, 900), (1, 12)]


def common_errors(rows: list[tuple[int, int]]) -> str:
    """The text of an ETH most_common_<type>.txt listing these (image, models wrong)."""

    def named(class_id: int) -> str:
        return f"{class_id}, {WNIDS[class_id]}: synthetic class {class_id}"

    blocks = []
    for i, (number, wrong) in enumerate(rows, 1):
        target = WNIDS.index(label(number))
        blocks.append(
            f"{i}) cnt mistakes = {wrong}, file = {label(number)}/{image(number)}\n"
            f"target = {named(target)}\nmulti_labels:\n{named(target)}\n"
            f"pred = {named((target + 1) % 1000)}\n\n"
        )
    return "".join(blocks)


def superclass(class_id: int) -> str:
    """SYNTHETIC hierarchy: classes 10k..10k+9 share a superclass, under one root."""
    return f"n9{class_id // 10:07d}"


def write_hierarchy(edges: Path, names: Path) -> None:
    groups = sorted({superclass(i) for i in range(len(WNIDS))})
    edges.write_text(
        "".join(f"n90000000 {g}\n" for g in groups if g != "n90000000")
        + "".join(f"{superclass(i)} {w}\n" for i, w in enumerate(WNIDS))
        + "n99999999 n99999998\n"  # outside the classes' ancestry: not loaded
    )
    names.write_text(
        "n90000000\tsynthetic root\n"
        + "".join(f"{g}\tsynthetic group {g}\n" for g in groups)
        + "".join(f"{w}\tsynthetic class {i}\n" for i, w in enumerate(WNIDS))
    )


def cleanlab_votes() -> list[dict[str, Any]]:
    """SYNTHETIC crowd votes: image 1's label is an error, image 2's is confirmed."""

    def candidate(number: int, votes: dict[str, int]) -> dict[str, Any]:
        return {
            "id": number,
            "url": f"https://labelerrors.com//static/imagenet/val/{label(number)}/{image(number)}",
            "given_original_label": WNIDS.index(label(number)),
            "our_guessed_label": WNIDS.index(other(number)),
            "mturk": {"given": 0, "guessed": 0, "both": 0, "neither": 0, **votes},
        }

    return [
        candidate(1, {"guessed": 4, "neither": 1}),
        candidate(2, {"given": 3, "both": 2}),
    ]
