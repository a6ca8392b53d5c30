from django.urls import path

from . import body_views as views
from . import meeting_views

app_name = "governance"
urlpatterns = [
    path("", views.body_list, name="bodies"),
    path("bodies/<slug:code>/", views.body_detail, name="body"),
    path("bodies/<slug:code>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("bodies/<slug:code>/motions/new/", views.motion_create, name="motion_create"),
    path(
        "bodies/<slug:code>/written-procedures/new/",
        views.written_procedure_open,
        name="written_procedure_open",
    ),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/board-pack.pdf", meeting_views.board_pack_pdf, name="board_pack"),
    path("meetings/<int:pk>/minutes.pdf", meeting_views.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:pk>/invitation.ics", meeting_views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/open/", views.meeting_open, name="meeting_open"),
    path("meetings/<int:pk>/close/", views.meeting_close, name="meeting_close"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="minutes_record"),
    path("meetings/<int:pk>/agenda/", views.agenda_item_add, name="agenda_item_add"),
    path("meetings/<int:pk>/attendance/", views.attendance_record, name="attendance_record"),
    path("items/<int:pk>/", meeting_views.item_detail, name="item"),
    path("meetings/<int:pk>/agenda/fill/", views.agenda_fill, name="agenda_fill"),
    path("items/<int:pk>/move/", views.agenda_item_move, name="agenda_item_move"),
    path("items/<int:pk>/vote/", views.vote_cast, name="vote_cast"),
    path("items/<int:pk>/recuse/", views.recusal_declare, name="recusal_declare"),
    path("items/<int:pk>/decide/", views.vote_close_and_decide, name="vote_close_and_decide"),
    path("items/<int:pk>/lapse/", views.written_procedure_lapse, name="written_procedure_lapse"),
    path("awaiting-my-vote/", views.awaiting_vote, name="awaiting_vote"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("motions/<int:pk>/", views.motion_detail, name="motion"),
    path(
        "opinions/<int:content_type_id>/<int:object_id>/",
        views.opinion_give,
        name="opinion_give",
    ),
]
