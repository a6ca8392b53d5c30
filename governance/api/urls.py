from django.urls import path

from core.api.routers import Router

from . import views

router = Router()
router.register("bodies", views.BodyViewSet, basename="body")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("opinions", views.OpinionViewSet, basename="opinion")
router.register("memberships", views.MembershipViewSet, basename="membership")

_item = "meetings/<int:meeting_pk>/items/<int:item_pk>/"
urlpatterns = [
    path(f"{_item}votes/", views.VoteCastView.as_view(), name="agenda-item-votes"),
    path(f"{_item}recusals/", views.RecusalDeclareView.as_view(), name="agenda-item-recusals"),
    path(f"{_item}decide/", views.DecideView.as_view(), name="agenda-item-decide"),
    path(f"{_item}move/", views.AgendaItemMoveView.as_view(), name="agenda-item-move"),
    path(
        f"{_item}close/", views.WrittenProcedureCloseView.as_view(), name="written-procedure-close"
    ),
    path(
        "written-procedures/",
        views.WrittenProcedureOpenView.as_view(),
        name="written-procedure-open",
    ),
    *router.urls,
]
