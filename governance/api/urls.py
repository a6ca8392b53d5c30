from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("bodies", views.BodyViewSet, basename="body")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("opinions", views.OpinionViewSet, basename="opinion")

_item = "meetings/<int:meeting_pk>/items/<int:item_pk>/"
urlpatterns = [
    path(f"{_item}votes/", views.VoteCastView.as_view(), name="agenda-item-votes"),
    path(f"{_item}recusals/", views.RecusalDeclareView.as_view(), name="agenda-item-recusals"),
    path(f"{_item}decide/", views.DecideView.as_view(), name="agenda-item-decide"),
    *router.urls,
]
