"""Four short articles of 21 July 2015: a Suruç bombing wire (printed twice), a local report of it, a protest."""

from __future__ import annotations

import khabar
from khabar.model import Document

WIRE = ("أعلنت وزارة الداخلية التركية مقتل 27 شخصا وإصابة نحو 100 آخرين في انفجار استهدف مركزا ثقافيا في بلدة "
        "سروج على الحدود مع سوريا أمس الاثنين. وقالت الوزارة إن التحقيقات جارية لمعرفة ملابسات الهجوم.")
ARTICLES = [
    ("a", "aawsat", "مقتل 27 شخصا في انفجار سروج", WIRE),
    ("b", "alriyadh", "مقتل 27 شخصا في انفجار سروج", WIRE + " (واس)"),  # the wire, lightly edited
    ("c", "alyaum", "30 قتيلا في تفجير انتحاري بسروج",
     "قالت مصادر محلية إن 30 شخصا قتلوا في تفجير انتحاري استهدف مركزا ثقافيا في بلدة سروج التركية أمس الاثنين."),
    ("d", "okaz", "مظاهرات في بيروت", "تظاهر آلاف اللبنانيين في وسط بيروت أمس احتجاجا على أزمة النفايات."),
]


def documents() -> list[Document]:
    return [khabar.extract(text, title=title, published="2015-07-21", outlet=outlet, id=aid)
            for aid, outlet, title, text in ARTICLES]
